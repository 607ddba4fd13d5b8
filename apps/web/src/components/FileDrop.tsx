import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Box, Button, LinearProgress, Typography } from '@mui/material';
import { useId, useRef, useState, type DragEvent } from 'react';
import { useTranslate } from 'react-admin';

/**
 * A file by drag and drop, by the file picker, or (on phones, with `camera`) by taking a
 * photo. Keyboard users reach the button; the drop zone is an extra, not the only way.
 */
export function FileDrop({
  accept,
  onFile,
  progress,
  label,
  camera = false,
}: {
  accept: string;
  onFile: (file: File) => void;
  /** 0..1 while uploading */
  progress?: number;
  label: string;
  camera?: boolean;
}) {
  const translate = useTranslate();
  const input = useRef<HTMLInputElement>(null);
  const photo = useRef<HTMLInputElement>(null);
  const id = useId();
  const [over, setOver] = useState(false);
  const [name, setName] = useState<string>();
  const take = (file: File | undefined) => {
    if (!file) return;
    setName(file.name);
    onFile(file);
  };
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    take(event.dataTransfer.files[0]);
  };
  return (
    <Box
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
      data-testid="file-drop"
      sx={{
        border: '2px dashed',
        borderColor: over ? 'primary.main' : 'grey.500',
        borderRadius: 1,
        p: 3,
        textAlign: 'center',
        bgcolor: over ? 'action.hover' : 'transparent',
      }}
    >
      <Typography id={id} sx={{ mb: 1 }}>
        {label}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {translate('dw.upload.drop_here')}
      </Typography>
      <input
        ref={input}
        type="file"
        accept={accept}
        hidden
        aria-labelledby={id}
        onChange={(e) => take(e.target.files?.[0])}
      />
      <Button
        variant="outlined"
        startIcon={<UploadFileIcon />}
        onClick={() => input.current?.click()}
      >
        {translate('dw.upload.choose')}
      </Button>
      {camera && (
        <>
          <input
            ref={photo}
            type="file"
            accept="image/*"
            capture="environment"
            hidden
            onChange={(e) => take(e.target.files?.[0])}
          />
          <Button sx={{ ml: 1 }} variant="outlined" onClick={() => photo.current?.click()}>
            {translate('dw.upload.photo')}
          </Button>
        </>
      )}
      {name && (
        <Typography variant="body2" sx={{ mt: 1 }}>
          {name}
        </Typography>
      )}
      {progress !== undefined && progress < 1 && (
        <LinearProgress
          variant="determinate"
          value={Math.round(progress * 100)}
          sx={{ mt: 1 }}
          aria-label={translate('dw.common.progress')}
        />
      )}
    </Box>
  );
}
